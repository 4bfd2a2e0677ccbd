import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Render a Vega-Lite spec to an SVG string in Node (vega's headless View with `renderer: 'none'`; no canvas or
 * browser is needed for SVG output).
 */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const vgSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
