// Sweeps generated from the rendered policies themselves: every Partner Central action any runtime
// role holds is allowed in the configured catalog and denied in the other one; Create/StartEngagement*
// only for the submit role; no runtime role may update or delete audit rows.

import type { IamModel, RoleModel } from '../iam-model';
import type { PolicyDocument } from '../samples';
import { partnerCentralResource } from './builders';
import type { Deployment, IntentCase } from './types';

const statementActions = (doc: PolicyDocument): string[] =>
  doc.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) =>
    s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action]
  );

/** Runtime roles are the ones under the runtime permissions boundary. */
export const runtimeRoles = (model: IamModel): RoleModel[] =>
  model.roles.filter((r) => r.boundary !== undefined);

export const sweepIntents = (d: Deployment, model: IamModel): IntentCase[] => {
  const out: IntentCase[] = [];
  const runtime = runtimeRoles(model);
  for (const role of runtime) {
    const granted = [...new Set(role.policies.flatMap((p) => statementActions(p.doc)))].filter(
      (x) => x.startsWith('partnercentral:')
    );
    for (const action of granted) {
      out.push({
        id: `${role.name}: ${action} in catalog ${d.catalog} -> Allowed`,
        kind: 'catalog',
        subject: role.name,
        action,
        resource: partnerCentralResource(action, d.catalog, d.account),
        context: { 'partnercentral:Catalog': d.catalog },
        expect: 'Allowed',
      });
      out.push({
        id: `${role.name}: ${action} in catalog ${d.otherCatalog} -> Denied`,
        kind: 'catalog',
        subject: role.name,
        action,
        resource: partnerCentralResource(action, d.otherCatalog, d.account),
        context: { 'partnercentral:Catalog': d.otherCatalog },
        expect: 'Denied',
      });
    }
    const isSubmit = role.name === `${d.prefix}-ace-submitter-submit`;
    for (const action of [
      'partnercentral:CreateOpportunity',
      'partnercentral:StartEngagementFromOpportunityTask',
      'partnercentral:StartEngagementByAcceptingInvitationTask',
    ]) {
      out.push({
        id: `${role.name}: ${action} (submit role only) -> ${isSubmit ? 'Allowed' : 'Denied'}`,
        kind: 'create-only-submit',
        subject: role.name,
        action,
        resource: partnerCentralResource(action, d.catalog, d.account),
        context: { 'partnercentral:Catalog': d.catalog },
        expect: isSubmit ? 'Allowed' : 'Denied',
      });
    }
    for (const action of [
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:PartiQLUpdate',
    ]) {
      out.push({
        id: `${role.name}: ${action} on the audit table -> Denied`,
        kind: 'audit-append-only',
        subject: role.name,
        action,
        resource: `arn:aws:dynamodb:${d.region}:${d.account}:table/${d.prefix}-audit`,
        context: { 'dynamodb:LeadingKeys': ['AUDIT#42'] },
        expect: 'Denied',
      });
    }
  }
  return out;
};
