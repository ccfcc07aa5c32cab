/** Messages as codes with params, and their catalogues. Importable from the renderer (no Node). */
export type { Lang, Message, MessageParams, NodeRef, ParamValue } from './message.js';
export { LANGS, isMessage } from './message.js';
export type { MessageCode, ParamsOf } from './en.js';
export type { Entry, TestRef, Words } from './words.js';
export { addMessages, addNodeTitles, formatMessage, langOf } from './format.js';
export { message } from './make.js';
