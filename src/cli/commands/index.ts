import type { Command } from 'commander';
import { registerSimulate } from './simulate.ts';
import { registerInfo } from './info.ts';
import { registerKissinger } from './kissinger.ts';
import { registerIso } from './iso.ts';
import { registerDemo } from './demo.ts';
import { registerSafety } from './safety.ts';
import { registerTrain } from './train.ts';
import { registerEvaluate } from './evaluate.ts';
import { registerPredict } from './predict.ts';
import { registerSynth } from './synth.ts';
import { registerDb } from './db.ts';
import { registerXai } from './xai.ts';
import { registerAnalyze } from './analyze.ts';
import { registerFit } from './fit.ts';
import { registerKce } from './kce.ts';
import { registerServe } from './serve.ts';

/**
 * Every `ckin` command, one file each under src/cli/commands/. To add a command: write `registerX(program)` in
 * its own file and add one line here.
 */
export function registerAllCommands(program: Command): void {
  registerDemo(program);
  registerSimulate(program);
  registerInfo(program);
  registerKissinger(program);
  registerIso(program);
  registerSafety(program);
  registerTrain(program);
  registerEvaluate(program);
  registerPredict(program);
  registerSynth(program);
  registerAnalyze(program);
  registerDb(program);
  registerXai(program);
  registerFit(program);
  registerKce(program);
  registerServe(program);
}
