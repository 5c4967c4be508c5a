import { VigilError } from '../errors';
import { contract, isChannel, type Channel, type ParsedRequestOf } from './contract';

/** Validates an untrusted request against its channel's schema; throws INVALID_REQUEST. */
export function validateRequest<C extends Channel>(channel: C, payload: unknown): ParsedRequestOf<C>;
export function validateRequest(channel: unknown, payload: unknown): unknown {
  if (!isChannel(channel)) throw new VigilError('UNKNOWN_CHANNEL', `unknown request channel ${JSON.stringify(String(channel)).slice(0, 80)}`);
  const schema = contract[channel].req;
  const r = schema.safeParse(payload ?? {});
  if (!r.success) {
    const first = r.error.issues[0];
    const field = first ? first.path.join('.') : '';
    throw new VigilError('INVALID_REQUEST', `${channel}: ${first?.message ?? 'invalid request'}${field ? ` at ${field}` : ''}`, {
      where: { field },
    });
  }
  return r.data;
}
