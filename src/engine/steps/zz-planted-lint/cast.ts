export function size(value: unknown): number {
  return (value as { size: number }).size;
}
