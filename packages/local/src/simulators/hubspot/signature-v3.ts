// HubSpot request signature v3 (external-apis.md §2.1), as the simulator's webhook sender computes
// it: base64 HMAC-SHA256, keyed with the app's client secret, over
// METHOD + full URI + raw body + timestamp (epoch ms as a string). The legacy v1 header
// (hex SHA-256 of secret + body) is sent alongside, as HubSpot does for webhook deliveries.
import { createHash, createHmac } from 'node:crypto';

export interface SignV3Input {
  method: string;
  uri: string;
  body: string;
  timestamp: string;
  clientSecret: string;
}

export const signV3 = ({ method, uri, body, timestamp, clientSecret }: SignV3Input): string =>
  createHmac('sha256', clientSecret)
    .update(`${method.toUpperCase()}${uri}${body}${timestamp}`, 'utf8')
    .digest('base64');

export const signV1 = (clientSecret: string, body: string): string =>
  createHash('sha256').update(`${clientSecret}${body}`, 'utf8').digest('hex');
