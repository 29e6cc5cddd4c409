/** --config, else $QUIKSHIP_CONFIG, else ./quikship.yaml. */
export function configPath(option: string | undefined): string {
  return option ?? process.env.QUIKSHIP_CONFIG ?? "quikship.yaml";
}
