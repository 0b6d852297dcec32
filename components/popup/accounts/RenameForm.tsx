import { useState } from 'preact/hooks';
import type { AccountPatch } from '../../../lib/messaging';
import { cleanLabel } from '../../../lib/otp/label';
import { useAutofocus } from '../../hooks/use-autofocus';
import { NameFields } from '../../shared/form';
import { InlineEditor } from './InlineEditor';

interface RenameFormProps {
  issuer: string;
  account: string;
  onSave: (patch: AccountPatch) => void;
  onCancel: () => void;
}

/** Inline editor for the issuer and account name of one row. */
export function RenameForm({ issuer, account, onSave, onCancel }: RenameFormProps) {
  const [names, setNames] = useState({ issuer, account });
  const issuerRef = useAutofocus<HTMLInputElement>();

  return (
    <InlineEditor
      name="rename"
      onSave={() => onSave({ issuer: cleanLabel(names.issuer), account: cleanLabel(names.account) })}
      onCancel={onCancel}
    >
      <NameFields
        testIds={['rename-issuer', 'rename-account']}
        {...names}
        issuerRef={issuerRef}
        onChange={(patch) => setNames((current) => ({ ...current, ...patch }))}
      />
    </InlineEditor>
  );
}
