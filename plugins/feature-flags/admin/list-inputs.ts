/** A text input holding a list, written comma-separated (`a, b, c`). */
export const commaList = {
  parse: (text: string): string[] =>
    (text ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  format: (list: unknown): string => (Array.isArray(list) ? list.join(', ') : typeof list === 'string' ? list : ''),
};
