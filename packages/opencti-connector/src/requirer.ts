// The platform side of `opencti_connector` (the requirer): what canonical/opencti-operator `src/charm.py`
// does inline in `_setup_connector_integration_and_user`, as a helper: list the related connectors with
// their validated data, publish the URL and a token secret per relation, keep the secret's content equal
// to the current token, and (beyond the original) take the secret back when the relation goes.
import type { Application, CharmBase, CharmTypes, Relation } from '@ops-ts/ops';
import { ModelError, SecretNotFoundError } from '@ops-ts/ops';
import type { ProviderAppData } from './schema/provider-schema.js';
import { checkProviderAppData } from './validate.js';

/** The platform's endpoint (required, unlimited). */
export const PLATFORM_RELATION = 'opencti-connector';

/** A related connector application whose data validates. */
export interface RelatedConnector {
  readonly relation: Relation;
  readonly app: Application;
  readonly data: ProviderAppData;
}

/** A relation whose remote data fails the schema, with what is wrong. */
export interface InvalidConnectorRelation {
  readonly relation: Relation;
  readonly app: Application | undefined;
  readonly problems: readonly string[];
}

/** The related connectors, sorted by what the platform can do with them. */
export interface ConnectorRelations {
  /** Connectors that published valid data. */
  readonly ready: readonly RelatedConnector[];
  /** Relations whose connector has published nothing yet. */
  readonly pending: readonly Relation[];
  /** Relations whose connector published data that fails the schema. */
  readonly invalid: readonly InvalidConnectorRelation[];
}

/** What `inspect` found on one relation. */
export type ConnectorRelation =
  | { readonly kind: 'ready'; readonly connector: RelatedConnector }
  | { readonly kind: 'pending'; readonly relation: Relation }
  | { readonly kind: 'invalid'; readonly invalid: InvalidConnectorRelation };

/** The label of the token secret of one relation (unique per owner, so it is found without the bag). */
export function tokenSecretLabel(relationId: number): string {
  return `opencti-connector-token-${relationId}`;
}

/** Platform-side helper of the `opencti-connector` interface. */
export class OpenctiConnectorRequirer {
  constructor(
    private readonly charm: CharmBase<CharmTypes>,
    /** The requirer endpoint. */
    readonly relationName: string = PLATFORM_RELATION,
  ) {}

  /** Every live relation, with its connector's validated data (`connector_charm_name`, `connector_type`). */
  connectors(): ConnectorRelations {
    const ready: RelatedConnector[] = [];
    const pending: Relation[] = [];
    const invalid: InvalidConnectorRelation[] = [];
    for (const relation of this.charm.model.relations(this.relationName)) {
      const found = this.inspect(relation);
      if (found.kind === 'ready') ready.push(found.connector);
      else if (found.kind === 'invalid') invalid.push(found.invalid);
      else pending.push(relation);
    }
    return { ready, pending, invalid };
  }

  /** One relation's connector: ready (valid data), pending (nothing published yet) or invalid. */
  inspect(relation: Relation): ConnectorRelation {
    const app = relation.app;
    const bag = app ? relation.data.get(app).toObject() : {};
    if (!app || (!bag.connector_charm_name && !bag.connector_type)) return { kind: 'pending', relation };
    const checked = checkProviderAppData(bag);
    return checked.ok
      ? { kind: 'ready', connector: { relation, app, data: checked.data } }
      : { kind: 'invalid', invalid: { relation, app, problems: checked.problems } };
  }

  /**
   * Publishes `opencti_url` and `opencti_token` on one relation (leader only). The token goes into an
   * application-owned secret granted to the relation, made once; later calls update its content only
   * when the token changed (a new revision: the connector gets `secret-changed`). Returns the secret id.
   */
  publish(relation: Relation, details: { url: string; token: string }): string {
    const bag = relation.data.get(this.charm.app);
    bag.set('opencti_url', details.url);
    const existing = bag.get('opencti_token');
    if (existing) {
      const secret = this.charm.model.secretHandle({ id: existing });
      try {
        if (secret.getContent({ refresh: true }).token !== details.token)
          secret.setContent({ token: details.token });
        return existing;
      } catch (error) {
        // Removed behind our back: make a new one below.
        if (!(error instanceof SecretNotFoundError)) throw error;
      }
    }
    const secret = this.charm.app.addSecret(
      { token: details.token },
      { label: tokenSecretLabel(relation.id) },
    );
    secret.grant(relation);
    const id = secret.id as string;
    bag.set('opencti_token', id);
    return id;
  }

  /**
   * Takes the token back from a relation that is going (relation-broken): revokes the grant and removes
   * the secret with all its revisions. Nothing happens when there is no such secret.
   */
  release(relation: Relation): void {
    const secret = this.charm.model.secretHandle({ label: tokenSecretLabel(relation.id) });
    try {
      secret.revoke(relation);
    } catch (error) {
      // The grant may already be gone with the relation.
      if (!(error instanceof ModelError)) throw error;
    }
    try {
      secret.removeAllRevisions();
    } catch (error) {
      if (!(error instanceof SecretNotFoundError)) throw error;
    }
  }
}
