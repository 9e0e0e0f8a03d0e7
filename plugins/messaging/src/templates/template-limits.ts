/** Largest source of one part (`subject`, `html`, `text`, a partial), in UTF-8 bytes. */
export const MAX_PART_BYTES = 64 * 1024;
/** Largest SMS body, as written and as rendered: what Twilio accepts (10 GSM-7 segments, about). */
export const MAX_SMS_BODY_CHARS = 1600;
/** Largest email subject as written. */
export const MAX_SUBJECT_CHARS = 998;
/** Partials per version. */
export const MAX_PARTIALS = 20;
export const PARTIAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
