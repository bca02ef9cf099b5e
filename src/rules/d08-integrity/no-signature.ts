// D08: an image carries no signature (and no SBOM or provenance) beside it. An OCI layout can hold them
// (cosign `sha256-<hex>.sig` tags, OCI 1.1 referrers such as sigstore bundles and notation signatures,
// buildx attestation manifests); a docker save archive cannot, so there the check is done at the registry.
import { defineRule } from '../../core/rule.js';
import type { ImageAttachment } from '../../subjects/image-spec.js';
import { imageAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';

const ATTESTATION_KINDS = new Set<ImageAttachment['kind']>(['attestation', 'sbom', 'provenance']);

/** `signature (cosign .sig tag), sbom (referrer application/spdx+json)`. */
function describe(attachments: readonly ImageAttachment[]): string {
  return attachments.map((attachment) => `${attachment.kind} (${attachment.how})`).join(', ');
}

export default defineRule({
  id: 'D08.no-signature',
  title: 'Image not signed or attested',
  category: 'D08',
  severity: 'medium',
  subject: 'image',
  targets: ['image'],
  threats: [8],
  cis: ['4.5'],
  related: {},
  rationale:
    "A digest says the bytes did not change; only a signature says who made them. Without a signature (cosign, notation) a copied or re-pushed image is indistinguishable from the one the pipeline built, and an admission controller has nothing to verify. Attestations (SBOM, SLSA provenance) say what is inside and how it was built: without them nobody can check the build's inputs or answer 'are we affected?' from the image itself.",
  remediation:
    'Sign the image in CI and attach its SBOM and provenance, then verify before it runs:\n  docker buildx build --sbom=true --provenance=mode=max --push -t registry.example.com/app:1.0 .\n  cosign sign registry.example.com/app@sha256:<digest>\n  cosign verify --certificate-identity-regexp … --certificate-oidc-issuer … registry.example.com/app@sha256:<digest>\nCopy images with their referrers (`oras cp -r`, `cosign save`, `skopeo copy --all`) so that the layout keeps them, and enforce verification at admission (Kyverno verifyImages, sigstore policy-controller, Ratify).',
  references: [
    'https://docs.sigstore.dev/cosign/signing/signing_with_containers/',
    'https://github.com/opencontainers/image-spec/blob/main/manifest.md#guidelines-for-artifact-usage',
    'https://docs.docker.com/build/metadata/attestations/',
  ],
  examples: [
    {
      target: 'image',
      bad: 'format: oci-layout\n',
      good: 'format: oci-layout\nattachments: [signature, sbom, provenance]\n',
    },
  ],
  check(image) {
    const who = imageWho(image);
    if (image.attachments === undefined)
      return [
        {
          message: `${who} is a ${image.format === 'docker-archive' ? 'docker save archive' : `${image.format} image`}, which cannot hold signatures or attestations: verify it against its registry before it is loaded or run (cosign verify registry.example.com/app@sha256:<digest>, or notation verify), or export it as an OCI layout with its referrers`,
          location: imageAt(image, 'image'),
          evidence: `format: ${image.format}`,
          severity: 'low',
        },
      ];
    const signatures = image.attachments.filter((attachment) => attachment.kind === 'signature');
    const attestations = image.attachments.filter((attachment) => ATTESTATION_KINDS.has(attachment.kind));
    const evidence = `attachments: ${image.attachments.length > 0 ? describe(image.attachments) : 'none'}`;
    if (signatures.length === 0)
      return [
        {
          message:
            attestations.length === 0
              ? `${who} has no signature in its OCI index (no cosign .sig tag, sigstore bundle or notation signature) and no SBOM or provenance attestation either: nothing says who built it or from what`
              : `${who} has no signature in its OCI index (no cosign .sig tag, sigstore bundle or notation signature); it carries ${describe(attestations)}, but unsigned attestations say nothing about who made the image`,
          location: imageAt(image, 'index'),
          evidence,
        },
      ];
    if (attestations.length === 0)
      return [
        {
          message: `${who} is signed (${describe(signatures)}) but carries no SBOM or provenance attestation: what is inside it and how it was built cannot be checked from the image`,
          location: imageAt(image, 'index'),
          evidence,
          severity: 'low',
        },
      ];
    return [];
  },
});
