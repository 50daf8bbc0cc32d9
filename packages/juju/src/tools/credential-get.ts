/** `credential-get`: the cloud spec, for trusted applications on machine models. */
import { checkEmpty } from '../argv.js';
import { RunError } from '../errors.js';
import { struct } from '../format.js';
import { defineTool } from '../tool.js';

/** The credential-get tool. */
export const credentialGet = defineTool<null>({
  name: 'credential-get',
  purpose: 'Access cloud credentials.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  init: (_ctx, parsed) => {
    checkEmpty(parsed.positionals);
    return null;
  },
  run: (ctx) => {
    if (!ctx.app.trust) throw new RunError('cannot access cloud credentials: permission denied');
    if (ctx.state.model.type === 'kubernetes') {
      throw new RunError('cannot access cloud credentials: credential-get on a "caas" model not supported');
    }
    const spec = ctx.state.cloud;
    if (!spec) throw new RunError('cannot access cloud credentials: cloud spec not found');
    // params.CloudSpec field order, with omitempty fields left out when empty.
    const credential = spec.credential
      ? struct({
          'auth-type': spec.credential.authType,
          attrs: Object.keys(spec.credential.attrs).length > 0 ? { ...spec.credential.attrs } : undefined,
        })
      : undefined;
    return {
      value: struct({
        type: spec.type,
        name: spec.name,
        region: spec.region || undefined,
        endpoint: spec.endpoint || undefined,
        'identity-endpoint': spec.identityEndpoint || undefined,
        'storage-endpoint': spec.storageEndpoint || undefined,
        credential,
        cacertificates: spec.caCertificates.length > 0 ? [...spec.caCertificates] : undefined,
        'skip-tls-verify': spec.skipTlsVerify || undefined,
        'is-controller-cloud': spec.isControllerCloud || undefined,
      }),
    };
  },
});
