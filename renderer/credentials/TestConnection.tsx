/**
 * The credentials screen's "Test connection": pick a stored credential, the service and its
 * address; the host sends the one harmless request (core/connection-test.ts) and the outcome is
 * shown in the UI's language. The secret stays in the host: the page sends only the name.
 */
import { useState } from 'react';
import {
  CONNECTION_PROBES,
  CONNECTION_SERVICES,
  type ConnectionService,
  type ConnectionTestResult,
} from '../../core/connection-test.js';
import type { CredentialSummary } from '../../core/credentials.js';
import type { HostApi } from '../../core/host-api.js';
import { formatMessage } from '../../core/messages/format.js';
import { hostErrorText } from '../host/host-error-text.js';
import { useLocale, useT } from '../i18n/index.js';
import '../styles/imports.css';

const host = (): HostApi | undefined => (globalThis as { host?: HostApi }).host;

/** The service a credential most likely belongs to, so the usual case needs no choice. */
function serviceFor(origin: string | undefined, kind?: CredentialSummary['kind']): ConnectionService {
  if (kind === 'awsSigV4' || (origin && /amazonaws\.com/i.test(origin))) return 'aws';
  if (!origin) return 'genesys';
  if (/zendesk\.com/i.test(origin)) return 'zendesk';
  if (/service-now\.com/i.test(origin)) return 'servicenow';
  if (/salesforce\.com|force\.com/i.test(origin)) return 'salesforce';
  return 'genesys';
}

/** The origin to test against: the first allowed one that is not a token endpoint. */
function originFor(credential: CredentialSummary | undefined): string {
  const origins = credential?.allowedOrigins ?? [];
  return origins.find((o) => !/\/\/login\./i.test(o)) ?? origins[0] ?? '';
}

export function TestConnection({ credentials }: { credentials: CredentialSummary[] }) {
  const t = useT();
  const locale = useLocale();
  const testable = credentials.filter((c) => c.kind !== 'hmac');
  const [name, setName] = useState(testable[0]?.name ?? '');
  const selected = testable.find((c) => c.name === name) ?? testable[0];
  const [address, setAddress] = useState(originFor(selected));
  const [service, setService] = useState<ConnectionService>(serviceFor(originFor(selected), selected?.kind));
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | Error | undefined>();

  if (!selected) return null;

  function choose(next: string) {
    setName(next);
    const credential = testable.find((c) => c.name === next);
    const origin = originFor(credential);
    setAddress(origin);
    setService(serviceFor(origin, credential?.kind));
    setResult(undefined);
  }

  async function test() {
    setRunning(true);
    setResult(undefined);
    try {
      const answer = await host()?.testCredential({ name: selected!.name, service, baseUrl: address.trim() });
      setResult(answer);
    } catch (e) {
      setResult(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setRunning(false);
    }
  }

  const ok = result !== undefined && !(result instanceof Error) && result.outcome === 'ok';
  return (
    <section data-testid="connection-test">
      <h3>{t('cred.test.title')}</h3>
      <div className="fd-conn-test">
        <div className="fd-field">
          <label className="fd-label" htmlFor="conn-credential">
            {t('cred.test.credential')}
          </label>
          <select
            id="conn-credential"
            className="fd-input"
            value={selected.name}
            onChange={(e) => choose(e.target.value)}
          >
            {testable.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="fd-field">
          <label className="fd-label" htmlFor="conn-service">
            {t('cred.test.service')}
          </label>
          <select
            id="conn-service"
            className="fd-input"
            value={service}
            onChange={(e) => setService(e.target.value as ConnectionService)}
          >
            {CONNECTION_SERVICES.map((s) => (
              <option key={s} value={s}>
                {t(`cred.test.service.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="fd-field">
        <label className="fd-label" htmlFor="conn-address">
          {t('cred.test.address')}
        </label>
        <input
          id="conn-address"
          className="fd-input"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="https://acme.zendesk.com"
        />
        <div className="fd-help">{t('cred.test.addressHelp')}</div>
        <div className="fd-help">{t('cred.test.request', { path: CONNECTION_PROBES[service] })}</div>
      </div>
      <button type="button" className="fd-btn" disabled={running || address.trim() === ''} onClick={() => void test()}>
        {running ? t('cred.test.running') : t('cred.test.run')}
      </button>
      {result !== undefined && (
        <div role="status" data-testid="connection-result" className={`fd-conn-result ${ok ? 'is-ok' : 'is-bad'}`}>
          {result instanceof Error ? hostErrorText(result, locale) : formatMessage(result.message, locale)}
        </div>
      )}
    </section>
  );
}
