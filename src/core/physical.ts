/** Code lists for physical descriptions (eye and hair colours) stored on notices, with English labels. */

/** Eye colours: three-letter upper-case codes, stable once stored. */
export const eyeColorLabels = {
  BLA: 'Black',
  BLU: 'Blue',
  BRO: 'Brown',
  GRE: 'Green',
  GRY: 'Grey',
  HAZ: 'Hazel',
} as const;
export type EyeColor = keyof typeof eyeColorLabels;
export const eyeColors = Object.keys(eyeColorLabels) as EyeColor[];

/** Hair colours; BAL stands for bald or shaved. */
export const hairColorLabels = {
  BLA: 'Black',
  BRO: 'Brown',
  BLN: 'Blond',
  RED: 'Red',
  GRY: 'Grey',
  WHI: 'White',
  BAL: 'Bald',
} as const;
export type HairColor = keyof typeof hairColorLabels;
export const hairColors = Object.keys(hairColorLabels) as HairColor[];

export function isEyeColor(code: string): code is EyeColor {
  return Object.hasOwn(eyeColorLabels, code);
}

export function isHairColor(code: string): code is HairColor {
  return Object.hasOwn(hairColorLabels, code);
}
