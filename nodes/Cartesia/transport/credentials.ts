import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ApiVersion } from '../versions';
import { API_VERSIONS, DEFAULT_API_VERSION, isApiVersion } from '../versions';
import { baseUrlProblem } from './url';

export const CREDENTIAL_TYPE = 'cartesiaApi';

export const DEFAULT_BASE_URL = 'https://api.cartesia.ai';

export interface CartesiaCredentials {
	apiKey: string;
	apiVersion: ApiVersion;
	baseUrl: string;
}

/** Normalizes the stored credential: a known version, a base URL without a trailing slash. */
export function toCartesiaCredentials(data: ICredentialDataDecryptedObject): CartesiaCredentials {
	const apiKey = typeof data.apiKey === 'string' ? data.apiKey.trim() : '';
	if (!apiKey) {
		throw new Error('The Cartesia API credential has no API key: open the credential and paste your key');
	}
	const apiVersion = data.apiVersion === undefined || data.apiVersion === '' ? DEFAULT_API_VERSION : data.apiVersion;
	if (!isApiVersion(apiVersion)) {
		throw new Error(
			`The Cartesia API credential names API version "${String(apiVersion)}", which this node does not speak: choose one of ${API_VERSIONS.join(', ')}`,
		);
	}
	const rawBaseUrl =
		typeof data.baseUrl === 'string' && data.baseUrl.trim() ? data.baseUrl.trim() : DEFAULT_BASE_URL;
	const baseUrl = rawBaseUrl.replace(/\/+$/, '');
	const problem = baseUrlProblem(baseUrl);
	if (problem) throw new Error(problem);
	return { apiKey, apiVersion, baseUrl };
}

/** The Webhook Secret of the credential (the Cartesia Agent Trigger's manual set-up), or undefined when empty. */
export function webhookSecretOf(data: ICredentialDataDecryptedObject): string | undefined {
	const secret = typeof data.webhookSecret === 'string' ? data.webhookSecret.trim() : '';
	return secret || undefined;
}
