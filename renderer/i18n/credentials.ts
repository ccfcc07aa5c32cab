/**
 * Credential kinds in the UI's words. The table lives in core (core/credential-texts.ts) so the
 * message catalogues name a kind in the same words the credentials dialog does.
 */
import { credentialTexts } from '../../core/credential-texts.js';

export default credentialTexts;
