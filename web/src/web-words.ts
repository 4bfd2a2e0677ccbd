/**
 * Messages of the analysis speak the CLI's language ("give it with --rates", "pass --exo-sign -1"): the same
 * InputError text reaches the CLI, the API and this page. The page has fields instead of options, so its messages
 * name the field a person fills in. Pure string rewriting; the API's JSON keeps the original text.
 */
const FIELDS: [RegExp, string][] = [
  [/give it with --sample-mass/g, 'enter it in the “Sample mass (mg)” field'],
  [/--sample-mass/g, 'the “Sample mass (mg)” field'],
  [
    /give it with --rates(?: \(K\/min\))?(?:, one per file in order)?/g,
    'type it in the β (K/min) cell of the file table',
  ],
  [/(?:or )?give --rates/g, 'or type it in the β (K/min) cell of the file table'],
  [/--rates/g, 'the β (K/min) cells of the file table'],
  [
    /name them with --columns, e\.g\. --columns ([\w,]+)/g,
    'name them in the “Columns of files without a header” field, e.g. $1',
  ],
  [/--columns/g, 'the “Columns of files without a header” field'],
  [/pass --temperature-unit K \(or C\)/g, 'choose K (or °C) under “Temperature unit”'],
  [/pass --temperature-unit C \(or K\)/g, 'choose °C (or K) under “Temperature unit”'],
  [/use --temperature-unit/g, 'use “Temperature unit”'],
  [/--temperature-unit/g, '“Temperature unit”'],
  [/pass --exo-sign -1/g, 'choose “flip” under “Exotherm sign”'],
  [/use --exo-sign -1 to flip/g, 'choose “flip” under “Exotherm sign” to flip it'],
  [/--exo-sign/g, '“Exotherm sign”'],
  [/\(use --window\)/g, '(set “Stage window(s), °C”)'],
  [/--window:/g, 'Stage window(s), °C:'],
  [/--window/g, '“Stage window(s), °C”'],
  [/--baseline/g, '“DSC baseline”'],
];

/** The message with every CLI option replaced by the page field that does the same. */
export function webWords(message: string): string {
  let m = message;
  for (const [re, field] of FIELDS) m = m.replace(re, field);
  return m;
}
