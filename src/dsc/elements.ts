import { readFileSync } from 'node:fs';

/** Property of a TM-layer cation in its charged-state oxidation state (see data/elements.json for sources). */
export interface CationProperties {
  charge: number;
  ionic_radius_A: number;
  electronegativity_pauling: number;
}

interface ElementFile {
  elements: Record<string, CationProperties>;
  anions: Record<string, CationProperties>;
}

let cache: ElementFile | undefined;

function load(): ElementFile {
  cache ??= JSON.parse(readFileSync(new URL('./data/elements.json', import.meta.url), 'utf8')) as ElementFile;
  return cache;
}

/**
 * The cation property table shipped in src/dsc/data/elements.json: Shannon (1976) VI radii in the charged-state
 * oxidation state and Pauling electronegativities, for the TM-layer cations and the usual dopants.
 */
export function cationTable(): Record<string, CationProperties> {
  return load().elements;
}

/** Anions of the same file (O, F, Cl, S, N): parsed in formulas, never part of the TM-layer descriptors. */
export function anionTable(): Record<string, CationProperties> {
  return load().anions;
}

/** All 118 element symbols (IUPAC), to tell a mistyped symbol ("Xx") from an element without tabulated data. */
export const ELEMENT_SYMBOLS: ReadonlySet<string> = new Set(
  (
    'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y ' +
    'Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re ' +
    'Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg ' +
    'Cn Nh Fl Mc Lv Ts Og'
  ).split(' '),
);
