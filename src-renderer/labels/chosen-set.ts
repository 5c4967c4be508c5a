/**
 * The label set the Labels area shows, kept across area switches (areas unmount) and set by other
 * areas too (the Training area's "show in Labels" after scoring). null = the default set
 * (shared/domain/labels.ts defaultLabelSet); an id no longer in the workspace counts as null.
 */
let chosen: string | null = null;

export function rememberLabelSet(labelSetId: string | null): void {
  chosen = labelSetId;
}

export function rememberedLabelSet(): string | null {
  return chosen;
}
