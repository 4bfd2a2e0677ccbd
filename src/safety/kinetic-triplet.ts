import type { ReactionModel } from '../kinetics/models/reaction-model.ts';
import type { ArrheniusParams } from '../kinetics/kinetic-params.ts';

/** A kinetic triplet: Arrhenius parameters and a reaction model. */
export interface KineticTriplet extends ArrheniusParams {
  model: ReactionModel;
}
