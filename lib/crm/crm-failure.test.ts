import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CrmError, TranscriptMissingError } from './crm-adapter.ts';
import { CRM_ERROR_CODES, crmErrorCode, crmErrorParams } from './crm-failure.ts';
import { superOfficeError } from './superoffice-wire.ts';

describe('crmErrorCode', () => {
  it('tells the agent what to do for each way SuperOffice fails', () => {
    const code = (status: number) => crmErrorCode(superOfficeError('create the request', status, { Error: true, ErrorMessage: 'x' }));
    expect(code(401)).toBe('crm-signed-out');
    expect(code(403)).toBe('crm-not-allowed');
    expect(code(404)).toBe('crm-not-found');
    expect(code(421)).toBe('crm-moved');
    expect(code(500)).toBe('crm-unavailable');
    expect(code(503)).toBe('crm-unavailable');
    expect(code(429)).toBe('crm-unavailable');
    expect(code(400)).toBe('invalid-input');
    expect(crmErrorCode(new CrmError('not-allowed', 'unable to reach SuperOffice; no SuperOffice tab is open'))).toBe('crm-signed-out');
    expect(crmErrorCode(new CrmError('bad-response', 'unable to read the person; unexpected answer'))).toBe('crm-bad-response');
    expect(crmErrorCode(new Error('boom'))).toBe('refused');
  });

  it('a request made without its transcript is its own case, naming the request whatever the cause', () => {
    const halfMade = new TranscriptMissingError(new CrmError('unavailable', 'unable to add the chat transcript to the request; busy', 503), '#40');
    expect(crmErrorCode(halfMade)).toBe('crm-transcript-missing');
    expect(crmErrorParams(halfMade)).toEqual({ number: '#40' });
    expect(halfMade.message).toMatch(/busy \(request #40 exists without it; Create request again adds it there\)$/);
    expect(crmErrorParams(new CrmError('unavailable', 'unable to create the request; down'))).toBeUndefined();
  });

  it('has a text in English and Danish for every code', () => {
    for (const locale of ['en', 'da']) {
      const messages = JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;
      for (const code of CRM_ERROR_CODES) {
        const text = messages[`error_${code.replace(/-/g, '_')}`]?.message;
        expect(text, `${locale} ${code}`).toMatch(/\w{3}/);
      }
    }
  });
});
