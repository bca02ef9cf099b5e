import { testImageRule } from '../../../test/rule-tester.js';
import rule from './no-signature.js';

const OCI = 'format: oci-layout\n';

testImageRule(rule, {
  accept: [
    { name: 'a sigstore bundle and an SBOM', code: `${OCI}attachments: [signature, sbom]\n` },
    { name: 'a cosign .sig tag and provenance', code: `${OCI}attachments: [cosign-signature, provenance]\n` },
    { name: 'a signature and an in-toto attestation', code: `${OCI}attachments: [signature, attestation]\n` },
  ],
  reject: [
    {
      name: 'an OCI layout with nothing beside the image',
      code: OCI,
      objects: ['index'],
      messageIncludes:
        'has no signature in its OCI index (no cosign .sig tag, sigstore bundle or notation signature) and no SBOM or provenance attestation either',
      severity: 'medium',
    },
    {
      name: 'an SBOM and provenance but no signature',
      code: `${OCI}attachments: [sbom, provenance]\n`,
      objects: ['index'],
      messageIncludes:
        'it carries sbom (referrer application/spdx+json), provenance (referrer application/vnd.slsa.provenance+json), but unsigned attestations',
      severity: 'medium',
    },
    {
      name: 'a cosign signature without SBOM or provenance',
      code: `${OCI}attachments: [cosign-signature]\n`,
      objects: ['index'],
      messageIncludes:
        'is signed (signature (cosign .sig tag)) but carries no SBOM or provenance attestation',
      severity: 'low',
    },
    {
      name: 'a sigstore bundle without SBOM or provenance',
      code: `${OCI}attachments: [signature]\n`,
      objects: ['index'],
      messageIncludes: 'referrer application/vnd.dev.sigstore.bundle.v0.3+json',
      severity: 'low',
    },
    {
      name: 'a docker save archive, which cannot hold signatures',
      code: 'config: { User: "10001" }\n',
      objects: ['image'],
      messageIncludes:
        'is a docker save archive, which cannot hold signatures or attestations: verify it against its registry',
      severity: 'low',
    },
  ],
});
