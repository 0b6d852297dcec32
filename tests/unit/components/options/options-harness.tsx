import { OptionsApp } from '../../../../components/options/OptionsApp';
import type { OptionsServices } from '../../../../components/options/services';
import type { AccountView, BackupStatus } from '../../../../lib/messaging';
import { account, fakeSend, mount, type FakeHandlers } from '../harness';

export interface Download {
  fileName: string;
  text: string;
  mimeType: string;
}

export interface Timer {
  ms: number;
  fire: () => void;
  cancelled: boolean;
}

export const STATUS: BackupStatus = { lastBackupAt: null, accountsSinceBackup: 3, accountCount: 3 };

export const ACCOUNTS: AccountView[] = [
  account({ id: 'a1', issuer: 'Aliyun', account: 'alice@1234567890123456' }),
  account({ id: 'a2', issuer: 'GitHub', account: 'octo' }),
];

/** An unlocked vault with two accounts and no backup yet; `handlers` add or replace messages. */
export function fakeOptions(handlers: FakeHandlers = {}) {
  const { send, calls } = fakeSend({
    getVaultState: () => ({ state: 'unlocked', lockAt: 0 }),
    backupStatus: () => STATUS,
    listAccounts: () => ({ accounts: ACCOUNTS, broken: [] }),
    ...handlers,
  });
  const downloads: Download[] = [];
  const timers: Timer[] = [];
  const services: OptionsServices = {
    send,
    download: (fileName, text, mimeType) => void downloads.push({ fileName, text, mimeType }),
    qrImage: async (text) => `data:qr,${encodeURIComponent(text)}`,
    later: (fire, ms) => {
      const timer: Timer = { ms, fire, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    formatDate: (epochMs) => `date(${epochMs})`,
  };
  return { services, calls, downloads, timers };
}

export function mountOptions(services: OptionsServices) {
  return mount(<OptionsApp services={services} />);
}

/** Calls of one message type, payloads only. */
export function payloadsOf(calls: { type: string; payload: unknown }[], type: string): unknown[] {
  return calls.filter((call) => call.type === type).map((call) => call.payload);
}
