// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ScanAccountCard,
  wholeDomainPatch,
  type ScanCardState,
} from '../../../components/popup/scan/ScanAccountCard';
import { parseOtpauthUri } from '../../../lib/otp/uri';
import { siteChoiceFor } from '../../../lib/sites/binding';
import { mount, type Mounted } from './harness';
import { SUFFIXES } from '../sites/suffixes';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

function card(origin: string, sitesText: string): ScanCardState {
  const parsed = parseOtpauthUri('otpauth://totp/Okta:alice?secret=JBSWY3DPEHPK3PXP&issuer=Okta');
  if (!parsed.ok) throw new Error('bad URI');
  return {
    data: parsed.account,
    issuer: 'Okta',
    account: 'alice',
    include: true,
    sitesText,
    sitesEdited: false,
    siteChoice: siteChoiceFor(origin, SUFFIXES),
    status: 'pending',
    error: '',
  };
}

function Harness({ initial, seen }: { initial: ScanCardState; seen: ScanCardState[] }) {
  const [state, setState] = useState(initial);
  seen.push(state);
  return (
    <ScanAccountCard
      card={state}
      selectable={false}
      disabled={false}
      onChange={(patch) => setState((s) => ({ ...s, ...patch }))}
    />
  );
}

describe('"all of …" on the scan confirm screen', () => {
  it('is off by default and swaps the exact host for the wider site, and back', async () => {
    const seen: ScanCardState[] = [];
    mounted = mount(
      <Harness initial={card('https://www.example.co.uk/mfa', 'www.example.co.uk')} seen={seen} />,
    );
    const box = mounted.byTestId<HTMLInputElement>('scan-whole-domain');
    expect(box?.checked).toBe(false);
    expect(box?.dataset.site).toBe('example.co.uk');
    await act(() => box?.click());
    expect(seen.at(-1)?.sitesText).toBe('example.co.uk');
    expect(mounted.byTestId<HTMLTextAreaElement>('scan-sites')?.value).toBe('example.co.uk');
    await act(() => box?.click());
    expect(seen.at(-1)?.sitesText).toBe('www.example.co.uk');
  });

  it('is not offered where there is nothing wider (a tenant host, a single-owner domain, loopback)', () => {
    for (const origin of [
      'https://acme.service-now.com',
      'https://signin.aliyun.com',
      'http://127.0.0.1:8765',
    ]) {
      mounted?.unmount();
      mounted = mount(<Harness initial={card(origin, '')} seen={[]} />);
      expect(mounted.byTestId('scan-whole-domain'), origin).toBeNull();
    }
  });

  it('never goes beyond the tenant host under a multi-tenant parent', () => {
    const patch = wholeDomainPatch(card('https://login.acme.okta.com', 'login.acme.okta.com'), true);
    expect(patch.sitesText).toBe('acme.okta.com');
  });

  it('keeps the other sites the user typed', () => {
    const start = card('https://www.example.co.uk', 'www.example.co.uk\nother.example');
    expect(wholeDomainPatch(start, true).sitesText).toBe('example.co.uk\nother.example');
    expect(wholeDomainPatch({ ...start, sitesText: 'other.example' }, true).sitesText).toBe(
      'example.co.uk\nother.example',
    );
  });
});
