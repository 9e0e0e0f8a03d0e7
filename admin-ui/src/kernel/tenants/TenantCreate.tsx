import { useState } from 'react';
import { Create, SimpleForm, useNotify } from 'react-admin';
import { TenantFields } from './TenantForm.tsx';
import { slugHolderOf, type SlugHolder } from './slugHolder.ts';
import { SlugTakenNotice } from './SlugTakenNotice.tsx';

/** A taken slug is a 409 `slug_taken`: the slug field says so and a notice links to the tenant that has it. */
const TenantCreate = () => {
  const notify = useNotify();
  const [holder, setHolder] = useState<SlugHolder | null>(null);
  const onError = (error: unknown) => {
    const taken = slugHolderOf(error);
    setHolder(taken);
    // The slug field shows a taken slug (server-side validation); anything else is a notification.
    if (!taken) notify(error instanceof Error && error.message ? error.message : 'ra.notification.http_error', { type: 'error' });
  };
  return (
    <Create title="New tenant" redirect="list" mutationOptions={{ onError }}>
      <SimpleForm>
        {holder && <SlugTakenNotice holder={holder} />}
        <TenantFields creating />
      </SimpleForm>
    </Create>
  );
};

export default TenantCreate;
