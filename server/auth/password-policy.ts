import common from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_LENGTH } from '../../lib/api/dto';

let commonPasswords: Set<string> | undefined;

/** Lower-cased: "Password1234" is as guessable as "password1234". */
function isCommon(password: string): boolean {
  commonPasswords ??= new Set((common.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Why `password` may not be used, or undefined when it may: at least MIN_PASSWORD_LENGTH
 * characters, and not one of the 49,000 most common passwords (zxcvbn-ts's list, shipped in the
 * package: nothing is fetched).
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (isCommon(password)) return 'this password is one of the most common ones; choose another';
  return undefined;
}
