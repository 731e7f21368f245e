import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authHeaders } from '../nodes/Cartesia/transport/auth';
import { DEFAULT_BASE_URL, toCartesiaCredentials } from '../nodes/Cartesia/transport/credentials';
import { API_VERSIONS, CURRENT_API_VERSION, DEFAULT_API_VERSION } from '../nodes/Cartesia/versions';

const VERSION_NOTES: Record<string, string> = {
	'2024-11-13': 'X-API-Key auth; the only version with Voice Mix/Create and clone modes',
	'2025-04-16': 'Bearer auth; voice gender',
	'2025-11-04': 'Bearer auth; voice search; typed stream errors',
	'2026-03-01': 'Bearer auth; structured JSON errors',
	'2026-08-14': 'Bearer auth; voice by bare ID; locales and normalization; accents (catalog IDs, Localize by accent)',
};

export class CartesiaApi implements ICredentialType {
	name = 'cartesiaApi';

	displayName = 'Cartesia API';

	icon: Icon = { light: 'file:../icons/cartesia.svg', dark: 'file:../icons/cartesia.dark.svg' };

	documentationUrl = 'https://docs.cartesia.ai/get-started/make-an-api-request';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your Cartesia API key, from play.cartesia.ai → API Keys',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: API_VERSIONS.map((version) => ({
				name: version === CURRENT_API_VERSION ? `${version} (Cartesia's Current Version)` : version,
				value: version,
				description: VERSION_NOTES[version],
			})),
			default: DEFAULT_API_VERSION,
			description:
				'The Cartesia-Version header sent with every request. It decides the auth header and which fields each operation accepts. A credential keeps the version chosen here.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: 'Change only to reach Cartesia through a gateway, or a local stand-in for testing',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for the Cartesia Agent Trigger's manual set-up: the secret you gave the Cartesia webhook, which Cartesia sends in X-Webhook-Secret. Automatic set-up makes its own.",
		},
	];

	/** The same header mapping the node's transport uses (one function, so they cannot disagree). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { apiKey, apiVersion } = toCartesiaCredentials(credentials);
		return { ...requestOptions, headers: { ...requestOptions.headers, ...authHeaders(apiVersion, apiKey) } };
	}

	// No declarative `test`: n8n would prefer it to the node's `testedBy` (methods/credentialTest.ts), which
	// sends the test through the node's transport and its Base URL check.
}
