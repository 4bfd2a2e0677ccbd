import { InputError } from '../core/input-error.ts';
import { modelByName } from '../kinetics/models/index.ts';
import type { ReactionModel } from '../kinetics/models/reaction-model.ts';

/**
 * Run a constructor on user-given scalar values whose precondition check throws a `RangeError` (a reaction model's
 * name and exponents): that error is the user's mistake, so it becomes an `InputError` naming `what`. Wrap only
 * calls on a few scalars — never a call that walks data arrays, where a `RangeError` may be V8's "Maximum call stack
 * size exceeded", which is a bug and must stay an internal error.
 */
export function fromUserValues<T>(what: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`${what}: ${e.message}`);
    throw e;
  }
}

/** A reaction model from its name and exponents, as given by a user (`--model`, `--n`, …). */
export function userModel(name: string, params: { n?: number; m?: number; p?: number }): ReactionModel {
  return fromUserValues('--model', () => modelByName(name, params));
}
