import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { qrImageDataUrl } from '../../components/options/qr-image';
import type { OptionsServices } from '../../components/options/services';
import { createSend } from '../../lib/ui/api';
import { downloadTextFile } from '../../lib/ui/download';
import { t } from '../../lib/ui/i18n';
import '../popup/style.css';
import '../../components/options/options.css';

let language: string | undefined;
try {
  language = browser.i18n.getUILanguage();
  document.documentElement.lang = language;
  document.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  document.title = t('optionsTitle');
} catch {
  // why: language metadata is cosmetic; the page must render without it.
}

const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

const services: OptionsServices = {
  send: createSend(browser),
  // why: `URL` itself, not bound methods, so the Firefox e2e can observe the Blob (see tests/e2e/backup.spec.ts).
  download: (fileName, text, mimeType) =>
    downloadTextFile(
      { document, url: URL, setTimeout: (callback, ms) => setTimeout(callback, ms) },
      fileName,
      text,
      mimeType,
    ),
  qrImage: qrImageDataUrl,
  later: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
  formatDate: (epochMs) => dateFormat.format(epochMs),
};

const root = document.getElementById('app');
if (root) render(<OptionsApp services={services} />, root);
