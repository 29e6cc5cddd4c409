import * as z from "zod";

export const signaturePolicy = z
  .strictObject({
    keys: z
      .array(z.string().min(1))
      .min(1)
      .describe(
        "Trusted public keys (ECDSA P-256, PEM `PUBLIC KEY`, as cosign.pub): a file relative to the platform file, or the PEM inline.",
      ),
  })
  .describe(
    "Images deployed or promoted here must carry a cosign-format signature (the `sha256-<hex>.sig` tag, `quikship ci sign`) that verifies with one of these keys; checked before any gate.",
  );
