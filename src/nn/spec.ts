/**
 * Network specifications as plain data: a list of layers over a [channels × length] input, with an optional
 * auxiliary vector (the heating rates) concatenated by a `concat_aux` layer. `resolveNetSpec` infers every layer's
 * input size (what the libtorch addon needs) and counts parameters exactly as PyTorch does.
 */

export type LayerSpec =
  | { type: 'conv1d'; out: number; kernel: number; padding?: number; stride?: number }
  | { type: 'batchnorm1d' }
  | { type: 'relu' }
  | { type: 'gelu' }
  | { type: 'dropout'; p: number }
  | { type: 'maxpool1d'; kernel: number; stride?: number }
  | { type: 'avgpool1d'; kernel: number; stride?: number }
  | { type: 'global_avg_pool' }
  | { type: 'global_max_pool' }
  | { type: 'flatten' }
  | { type: 'concat_aux' }
  | { type: 'linear'; out: number };

export interface NetSpec {
  /** Input curves: channels (one per heating rate) × points. */
  input: { channels: number; length: number };
  /** Length of the auxiliary vector (0 = none). */
  aux: number;
  /** Number of regression outputs (2: Ea, lgA). */
  outputs: number;
  layers: LayerSpec[];
}

/** A layer with its resolved sizes, in the form the addon takes. */
export type ResolvedLayer = Record<string, string | number> & { type: string };

export interface ResolvedNet {
  layers: ResolvedLayer[];
  shape: { channels: number; length: number; aux: number; outputs: number };
  parameterCount: number;
}

/** Resolve sizes layer by layer; throws RangeError on an inconsistent spec. */
export function resolveNetSpec(spec: NetSpec): ResolvedNet {
  let channels = spec.input.channels;
  let length: number | null = spec.input.length; // null once the features are flat
  let features = 0;
  let params = 0;
  const layers: ResolvedLayer[] = [];
  const needSeq = (t: string) => {
    if (length === null)
      throw new RangeError(`layer ${t} needs a [channels × length] input, got a flat vector`);
  };
  for (const layer of spec.layers) {
    switch (layer.type) {
      case 'conv1d': {
        needSeq(layer.type);
        const padding = layer.padding ?? Math.floor(layer.kernel / 2);
        const stride = layer.stride ?? 1;
        layers.push({ type: 'conv1d', in: channels, out: layer.out, kernel: layer.kernel, padding, stride });
        params += channels * layer.out * layer.kernel + layer.out;
        channels = layer.out;
        length = Math.floor((length! + 2 * padding - layer.kernel) / stride) + 1;
        break;
      }
      case 'batchnorm1d': {
        const n = length === null ? features : channels;
        layers.push({ type: 'batchnorm1d', features: n });
        params += 2 * n;
        break;
      }
      case 'maxpool1d':
      case 'avgpool1d': {
        needSeq(layer.type);
        const stride = layer.stride ?? layer.kernel;
        layers.push({ type: layer.type, kernel: layer.kernel, stride });
        length = Math.floor((length! - layer.kernel) / stride) + 1;
        break;
      }
      case 'global_avg_pool':
      case 'global_max_pool':
        needSeq(layer.type);
        layers.push({ type: layer.type });
        features = channels;
        length = null;
        break;
      case 'flatten':
        if (length !== null) features = channels * length;
        length = null;
        layers.push({ type: 'flatten' });
        break;
      case 'concat_aux':
        if (length !== null) features = channels * length;
        length = null;
        features += spec.aux;
        layers.push({ type: 'concat_aux' });
        break;
      case 'linear':
        if (length !== null)
          throw new RangeError('linear layer needs a flat input: add flatten or concat_aux first');
        layers.push({ type: 'linear', in: features, out: layer.out });
        params += features * layer.out + layer.out;
        features = layer.out;
        break;
      case 'relu':
      case 'gelu':
        layers.push({ type: layer.type });
        break;
      case 'dropout':
        layers.push({ type: 'dropout', p: layer.p });
        break;
      default:
        throw new RangeError(`unknown layer type ${(layer as { type: string }).type}`);
    }
    if (length !== null && length < 1)
      throw new RangeError(`layer ${layer.type} shrinks the sequence to nothing`);
  }
  if (length !== null || features !== spec.outputs) {
    throw new RangeError(`the network must end in a flat vector of ${spec.outputs} outputs`);
  }
  return {
    layers,
    shape: { channels: spec.input.channels, length: spec.input.length, aux: spec.aux, outputs: spec.outputs },
    parameterCount: params,
  };
}
