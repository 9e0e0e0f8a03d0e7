/** Pure logic of the variant weights input (no React): weights are percentages that must sum to 100. */
export interface VariantDraft {
  name?: string;
  weight?: number;
}

/** The weights' total, to one decimal (weights step by 0.1). */
export const totalOf = (variants: VariantDraft[] | undefined): number => Math.round((variants ?? []).reduce((sum, v) => sum + (Number(v?.weight) || 0), 0) * 10) / 10;

/** Refuses a save unless the weights sum to 100% (the API says the same, naming the field). */
export const weightsSumTo100 = (variants: VariantDraft[] | undefined): string | undefined =>
  variants && variants.length > 0 && totalOf(variants) !== 100 ? `Variant weights must sum to 100% (now ${totalOf(variants)}%)` : undefined;
