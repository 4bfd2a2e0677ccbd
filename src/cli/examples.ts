/**
 * One or more worked examples per command, printed at the end of its `--help` (test/cli/help-examples.test.ts checks
 * that every command has one and that every option an example uses exists). Keys are command paths: `db import`.
 */
export const EXAMPLES: Record<string, string[]> = {
  '': [
    'ckin demo',
    'ckin analyze cath_1_*.csv --columns temperature_C,heatflow_W_g --report report/',
    'ckin serve',
  ],
  demo: ['ckin demo --out demo-out/'],
  simulate: [
    'ckin simulate --Ea 150 --lgA 12 --n 1.5 --rates 5,10,20 --out runs/',
    'ckin simulate --model-file model.json --rates 2,5,10 --out runs/',
  ],
  info: ['ckin info runs/*.csv'],
  kissinger: ['ckin kissinger runs/*.csv', 'ckin kissinger a.csv b.csv c.csv --rates 5,10,20 --json'],
  iso: [
    'ckin iso runs/*.csv --method vyazovkin --alpha 0.1:0.9:0.05',
    'ckin iso runs/*.csv --method ofw --json',
  ],
  analyze: [
    'ckin analyze cath_1_*.csv --columns temperature_C,heatflow_W_g --report report/',
    'ckin analyze runs/*.csv --baseline linear --json',
  ],
  deconvolve: [
    'ckin deconvolve runs/*.csv --peaks 2',
    'ckin deconvolve a.csv b.csv c.csv --rates 5,10,20 --peaks 3 --json',
  ],
  masterplot: ['ckin masterplot runs/*.csv', 'ckin masterplot runs/*.csv --Ea-kJ-mol 150 --json'],
  fit: [
    'ckin fit runs/*.csv',
    'ckin fit runs/*.csv --n 3 --seed 1 --json',
    'ckin fit runs/*.csv --scheme consecutive:3 --save model.json',
    'ckin fit runs/*.csv --scheme parallel:2 --bootstrap 20 --json',
    'ckin fit runs/*.csv --scheme parallel:2 --deconvolution-start --bootstrap 20 --bootstrap-kind cases --json',
    'ckin fit runs/*.csv --steps auto --json',
  ],
  kce: ['ckin kce --material ncm811', 'ckin kce runs/*.csv --material all --json'],
  safety: [
    'ckin safety --Ea 150 --lgA 12 --n 1.5 --isothermal 120',
    'ckin safety --Ea 150 --lgA 12 --program program.csv --json',
    'ckin safety runs/*.csv --model-free --isothermal 180 --alpha 0.05,0.1,0.5',
    'ckin safety --model-file model.json --isothermal 180 --adiabatic --cp 1.1 --T0 120',
  ],
  synth: [
    'ckin synth --n 2000 --seed 1 --out data/',
    'ckin synth --preset general --n 60000 --seed 11 --out general-data/',
  ],
  train: [
    'ckin train --data data/ --out model/ --epochs 20',
    'ckin train --preset general --data general-data/ --out general-model/ --epochs 60 --max-minutes 30 --threads 1',
  ],
  evaluate: ['ckin evaluate --model model/ --data data/ --split test'],
  predict: [
    'ckin predict runs/*.csv --model model/',
    'ckin predict runs/*.csv --model general --refine',
    'ckin predict --model model/ --data data/ --out predictions.csv',
  ],
  db: ['ckin db init --db dsc.duckdb', 'ckin db query --db dsc.duckdb --json'],
  'db init': ['ckin db init --db dsc.duckdb'],
  'db import': ['ckin db import records.csv --db dsc.duckdb --skip-invalid'],
  'db demo': ['ckin db demo --db demo.duckdb --n 200 --seed 1'],
  'db export': ['ckin db export --db dsc.duckdb --out records.csv'],
  'db query': ['ckin db query --db dsc.duckdb --json'],
  'db dedupe': ['ckin db dedupe --db dsc.duckdb --dry-run', 'ckin db dedupe --db dsc.duckdb --json'],
  'db delete': ['ckin db delete --db dsc.duckdb --id 12,13'],
  'db update': ['ckin db update --db dsc.duckdb --id 12 --set "onset=185 °C"'],
  'db add-run': [
    'ckin db add-run s1_5.csv s1_10.csv s1_20.csv --db dsc.duckdb --formula LiNi0.8Co0.1Mn0.1O2 --cutoff-voltage 4.3 --electrolyte-content 0 --crucible sealed --columns temperature_C,heatflow_W_g',
  ],
  xai: [
    'ckin xai --db demo --target peak',
    'ckin xai --db dsc.duckdb --target all --report xai/ --save model.json',
  ],
  'xai predict': [
    'ckin xai predict --model model.json records.csv',
    'ckin xai predict --model model.json --ternary --fix voltage_V=4.5,electrolyte_uL_mg=2 --json',
  ],
  serve: ['ckin serve', 'ckin serve --port 0 --screening-db screening.duckdb'],
};

/** The help text block of `path`'s examples ('' when it has none). */
export function examplesHelp(path: string): string {
  const list = EXAMPLES[path];
  return list?.length
    ? `\n${list.length > 1 ? 'Examples' : 'Example'}:\n${list.map((l) => `  $ ${l}`).join('\n')}\n`
    : '';
}
