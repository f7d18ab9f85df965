// Reads {cases: [{credential, lists: {url: statusListCredential}}]} on stdin and checks each credential's
// credentialStatus with @digitalbazaar/vc-bitstring-status-list (offline: the lists come in the input). The status
// list credentials are VC-JWTs whose signatures the Python side has already checked, so the library is given their
// payloads and told not to look for a Data Integrity proof. Prints [{verified, status, purpose, error}] as JSON.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

const modules = process.env.PSA_NODE_MODULES;
const library = await import(
  pathToFileURL(join(modules, '@digitalbazaar/vc-bitstring-status-list/lib/index.js')).href);

const {cases} = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for(const {credential, lists} of cases) {
  const documentLoader = async url => {
    if(!(url in lists)) {
      throw new Error(`offline: no document for ${url}`);
    }
    return {contextUrl: null, documentUrl: url, document: lists[url]};
  };
  const result = await library.checkStatus({
    credential,
    documentLoader,
    verifyBitstringStatusListCredential: false,
    verifyMatchingIssuers: true,
  });
  const first = (result.results || [])[0] || {};
  results.push({
    verified: result.verified,
    status: first.status === undefined ? null : first.status,
    purpose: first.credentialStatus ? first.credentialStatus.statusPurpose : null,
    error: result.error ? String(result.error.message || result.error) : null,
  });
}
process.stdout.write(JSON.stringify(results));
