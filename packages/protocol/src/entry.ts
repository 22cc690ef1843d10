import { z } from 'zod';
import { LIMITS } from './limits.js';

/** E1: declared gender. */
export const GENDERS = ['woman', 'man', 'nonbinary', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

/** E1: the fixed list of coarse regions (French regions, then "elsewhere"). Never a city. */
export const REGIONS = [
  'ara',
  'bfc',
  'bre',
  'cvl',
  'cor',
  'ges',
  'hdf',
  'idf',
  'nor',
  'naq',
  'occ',
  'pdl',
  'pac',
  'gua',
  'mtq',
  'guy',
  'lre',
  'may',
  'elsewhere',
] as const;
export type Region = (typeof REGIONS)[number];

/**
 * E1: letters, digits, `_ - .`; 2–20 characters after NFC normalisation.
 * The server normalises to NFC before checking; this pattern is for NFC input.
 */
export const NICKNAME_PATTERN = /^[\p{L}\p{Nd}_.-]+$/u;

export function nicknameProblem(raw: string): 'length' | 'characters' | null {
  const nick = raw.normalize('NFC');
  const length = [...nick].length;
  if (length < LIMITS.nicknameMin || length > LIMITS.nicknameMax) return 'length';
  if (!NICKNAME_PATTERN.test(nick)) return 'characters';
  return null;
}

/** Body of `POST /api/session` (the entry form). */
export const EntryRequest = z.object({
  nickname: z.string().max(200),
  age: z.number().int().min(0).max(150),
  gender: z.enum(GENDERS),
  region: z.enum(REGIONS).nullable().optional(),
});
export type EntryRequest = z.infer<typeof EntryRequest>;

/** What a user knows about themself. */
export const Me = z.object({
  userId: z.string(),
  nickname: z.string(),
  age: z.number().int(),
  gender: z.enum(GENDERS),
  region: z.enum(REGIONS).nullable(),
  /** E5: this nickname is registered (reserved with a password). */
  registered: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** E5: body of `POST /api/register` (registers the current nickname). */
export const RegisterRequest = z.object({ password: z.string().max(1000) });
/** E5: body of `POST /api/login`. */
export const LoginRequest = z.object({ nickname: z.string().max(200), password: z.string().max(1000) });
