import { useState } from 'react';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      /* fall through (insecure context) */
    }
  }
  const el = document.createElement('textarea');
  el.value = text;
  el.setAttribute('readonly', '');
  el.style.position = 'fixed';
  el.style.opacity = '0';
  document.body.appendChild(el);
  el.select();
  document.execCommand('copy');
  el.remove();
}

export const CopyButton = ({ text, label = 'Copy' }: { text: string; label?: string }) => {
  const [done, setDone] = useState(false);
  return (
    <Tooltip title={done ? 'Copied' : label}>
      <IconButton
        aria-label={label}
        onClick={async () => {
          await copyText(text);
          setDone(true);
          setTimeout(() => setDone(false), 2000);
        }}
      >
        {done ? <CheckIcon color="success" /> : <ContentCopyIcon />}
      </IconButton>
    </Tooltip>
  );
};
