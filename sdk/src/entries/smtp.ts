/** `@platform/sdk/smtp`: SMTP server settings, nodemailer transport options and the reading of SMTP failures, shared by the plugins that send over SMTP. */
export * from '../smtp.ts';
