import { BooleanInput, NumberInput, TextInput } from 'react-admin';

const parseJson = (text: string) => {
  if (text === '' || text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
const formatJson = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** An input for a value of the flag's value type (boolean, string, number or JSON). */
export function FlagValueInput({ source, valueType, label }: { source: string; valueType: string; label: string }) {
  switch (valueType) {
    case 'boolean':
      return <BooleanInput source={source} label={label} helperText={false} />;
    case 'number':
      return <NumberInput source={source} label={label} helperText={false} />;
    case 'json':
      return <TextInput source={source} label={`${label} (JSON)`} parse={parseJson} format={formatJson} helperText={false} />;
    default:
      return <TextInput source={source} label={label} helperText={false} />;
  }
}
