/**
 * The DSC-record schema (documented in docs/dsc-xai.md). One record = one DSC measurement of one cathode sample,
 * split over six tables that share `record_id`: material, state, sample, dsc_parameters, result, provenance.
 * The view `dsc_record` joins them into one flat row whose columns are exactly `RECORD_COLUMNS` below; that flat
 * row is also the CSV format of `ckin db import` / `ckin db export`.
 *
 * Units are in the column names: temperatures in K (`_K`; CSV import also accepts `_C` columns, converted
 * explicitly), voltages in V, scan rate in K/min, power in W/g and heat in J/g (per gram of active material);
 * contents are moles per formula unit Li_a(Ni,Co,Mn,…)_b O2.
 */
export type ColumnType = 'number' | 'text' | 'flag';
export type TableName = 'material' | 'state' | 'sample' | 'dsc_parameters' | 'result' | 'provenance';

export interface ColumnSpec {
  name: string;
  table: TableName;
  type: ColumnType;
  doc: string;
  /** Import rejects a row without a value (unless `defaultValue`). */
  required?: boolean;
  /** Value used when the column is absent or the cell empty. */
  defaultValue?: number | string;
  /** Inclusive physical range for numbers. */
  min?: number;
  max?: number;
  /** Allowed values for text columns (lower-case). */
  allowed?: string[];
}

/** Elements whose contents are columns `<el>_content` (TM-layer cations; see data/elements.json). */
export const TM_ELEMENTS = ['Ni', 'Co', 'Mn', 'Al', 'Mg', 'Ti', 'Zr', 'Fe', 'Nb', 'W'] as const;
export type TmElement = (typeof TM_ELEMENTS)[number];
export const contentColumn = (el: string): string => `${el.toLowerCase()}_content`;

const tmColumns: ColumnSpec[] = TM_ELEMENTS.map((el) => ({
  name: contentColumn(el),
  table: 'material' as const,
  type: 'number' as const,
  doc: `${el} per formula unit`,
  defaultValue: 0,
  min: 0,
  max: 1.2,
}));

export const RECORD_COLUMNS: ColumnSpec[] = [
  {
    name: 'formula',
    table: 'material',
    type: 'text',
    required: true,
    doc: 'chemical formula as reported, e.g. LiNi0.8Co0.1Mn0.1O2, NCM811, Li[Ni0.6Co0.2Mn0.2]O2 (parsed: src/dsc/formula.ts)',
  },
  {
    name: 'family',
    table: 'material',
    type: 'text',
    defaultValue: 'other',
    allowed: ['lco', 'ncm', 'nca', 'lr', 'other'],
    doc: 'LCO, NCM, NCA, LR (Li-rich) or other',
  },
  {
    name: 'li_content',
    table: 'material',
    type: 'number',
    required: true,
    min: 0.5,
    max: 1.5,
    doc: 'pristine Li per formula unit (from the formula when empty)',
  },
  ...tmColumns,
  {
    name: 'other_contents',
    table: 'material',
    type: 'text',
    doc: 'elements without their own column, per formula unit, e.g. "B=0.01; F=0.02" (from the formula when empty)',
  },
  {
    name: 'cutoff_voltage_V',
    table: 'state',
    type: 'number',
    required: true,
    min: 3.0,
    max: 5.2,
    doc: 'charge cut-off voltage vs Li/Li+ (V)',
  },
  {
    name: 'delithiation_fraction',
    table: 'state',
    type: 'number',
    min: 0,
    max: 1,
    doc: 'fraction of Li removed before the DSC run (optional)',
  },
  {
    name: 'electrolyte_content_mg_mg',
    table: 'sample',
    type: 'number',

    min: 0,
    max: 20,
    doc: 'electrolyte mass added to the DSC pan per mass of electrode material (mg/mg); 0 = dry/washed',
  },
  {
    name: 'electrolyte_composition',
    table: 'sample',
    type: 'text',
    doc: 'e.g. "1 M LiPF6 EC:DMC 1:1" (optional)',
  },
  {
    name: 'electrolyte_additive',
    table: 'sample',
    type: 'flag',
    defaultValue: 0,
    doc: '1 if the electrolyte contains additives, else 0',
  },
  { name: 'additives', table: 'sample', type: 'text', doc: 'additives, e.g. "2 % VC" (optional)' },
  {
    name: 'active_material_ratio',
    table: 'sample',
    type: 'number',
    min: 0,
    max: 1,
    doc: 'active-material mass fraction of the electrode',
  },
  {
    name: 'binder_carbon_ratio',
    table: 'sample',
    type: 'number',
    min: 0,
    max: 1,
    doc: 'binder + conductive-carbon mass fraction',
  },
  {
    name: 'crucible',
    table: 'sample',
    type: 'text',

    allowed: ['sealed', 'open'],
    doc: 'sealed (hermetic/high-pressure) or open pan',
  },
  {
    name: 'scan_rate_K_min',
    table: 'dsc_parameters',
    type: 'number',

    min: 0.01,
    max: 200,
    doc: 'DSC heating rate (K/min)',
  },
  {
    name: 'atmosphere',
    table: 'dsc_parameters',
    type: 'text',
    doc: 'purge gas, e.g. Ar, N2, air (optional)',
  },
  {
    name: 'onset_T_K',
    table: 'result',
    type: 'number',
    min: 273.15,
    max: 873.15,
    doc: 'onset of the first apparent exotherm (K)',
  },
  {
    name: 'peak_T_K',
    table: 'result',
    type: 'number',
    min: 273.15,
    max: 873.15,
    doc: 'temperature of maximum heat-release power (K)',
  },
  {
    name: 'max_power_W_g',
    table: 'result',
    type: 'number',
    min: 0,
    max: 1000,
    doc: 'maximum heat-release power (W/g); must be > 0 to be a target (log10)',
  },
  {
    name: 'total_heat_J_g',
    table: 'result',
    type: 'number',
    min: 0,
    max: 20000,
    doc: 'total heat released (J/g)',
  },
  {
    name: 'source',
    table: 'provenance',
    type: 'text',
    required: true,
    doc: 'DOI (10.xxxx/…), reference or file path(s) the record comes from',
  },
  {
    name: 'figure_table',
    table: 'provenance',
    type: 'text',
    doc: 'where in the source the values are, e.g. "Fig. 3b", "Table 2" (optional)',
  },
  {
    name: 'source_kind',
    table: 'provenance',
    type: 'text',
    allowed: ['doi', 'file', 'run', 'synthetic', 'other'],
    doc: 'how the record was obtained (run = from `ckin db add-run`, synthetic = demo generator); inferred from `source` when empty',
  },
  { name: 'added_by', table: 'provenance', type: 'text', doc: 'who added the record (default: $USER)' },
  {
    name: 'added_at',
    table: 'provenance',
    type: 'text',
    doc: 'ISO-8601 UTC time it was added (set on insert when empty)',
  },
  { name: 'note', table: 'provenance', type: 'text', doc: 'free text' },
];

export const TABLES: TableName[] = ['material', 'state', 'sample', 'dsc_parameters', 'result', 'provenance'];

/** One flat record as stored (numbers, strings, or null when unknown). `record_id` is assigned by the database. */
export type DscRecord = { record_id?: number } & Record<string, number | string | null | undefined>;

/** DuckDB DDL for the six tables and the flat view. */
export function schemaDdl(): string[] {
  const sqlType = (c: ColumnSpec): string =>
    c.type === 'number' ? 'DOUBLE' : c.type === 'flag' ? 'INTEGER' : 'VARCHAR';
  const ddl = ['CREATE SEQUENCE IF NOT EXISTS record_id_seq START 1'];
  for (const t of TABLES) {
    const cols = RECORD_COLUMNS.filter((c) => c.table === t).map(
      (c) => `  "${c.name}" ${sqlType(c)}${c.required ? ' NOT NULL' : ''}`,
    );
    const idCol =
      t === 'material'
        ? `  record_id BIGINT PRIMARY KEY DEFAULT nextval('record_id_seq')`
        : '  record_id BIGINT PRIMARY KEY';
    ddl.push(`CREATE TABLE IF NOT EXISTS ${t} (\n${[idCol, ...cols].join(',\n')}\n)`);
    // Files made by older versions: add the newer columns, relax constraints that became optional (idempotent).
    for (const c of RECORD_COLUMNS.filter((col) => col.table === t)) {
      ddl.push(`ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS "${c.name}" ${sqlType(c)}`);
      if (!c.required) ddl.push(`ALTER TABLE ${t} ALTER COLUMN "${c.name}" DROP NOT NULL`);
    }
  }
  const select = RECORD_COLUMNS.map((c) => `${c.table}."${c.name}"`).join(', ');
  const joins = TABLES.slice(1)
    .map((t) => `JOIN ${t} USING (record_id)`)
    .join(' ');
  ddl.push(
    `CREATE OR REPLACE VIEW dsc_record AS SELECT material.record_id, ${select} FROM material ${joins}`,
  );
  return ddl;
}
