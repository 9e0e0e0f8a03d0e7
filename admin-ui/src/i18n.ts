import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';

/** react-admin's English, with the console's wording where the defaults read like a framework. */
const messages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    notification: {
      ...englishMessages.ra.notification,
      created: 'Created',
      updated: 'Saved |||| %{smart_count} items saved',
      deleted: 'Deleted |||| %{smart_count} items deleted',
      logged_out: 'Your session has ended. Please sign in again.',
    },
    auth: {
      ...englishMessages.ra.auth,
      auth_check_error: 'Please sign in to continue',
      username: 'Email',
      sign_in: 'Sign in',
    },
  },
};

export const i18nProvider = polyglotI18nProvider(() => messages, 'en', { allowMissing: true });
