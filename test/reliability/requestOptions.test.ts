/**
 * Request Options from expressions are checked per item before anything is sent: a zero Idle Timeout
 * would switch the limit off, a negative one or negative retries make no sense.
 */
import { runCartesia, useStandIn } from '../helpers/cartesia';

const standIn = useStandIn();

const status = (requestOptions: Record<string, unknown>) => ({ resource: 'apiStatus', operation: 'get', requestOptions });
const three = [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }];

describe('Request Options bounds', () => {
	it.each([
		['Idle Timeout (Seconds)', { idleTimeout: 0 }, 'more than 0, not 0'],
		['Idle Timeout (Seconds)', { idleTimeout: -1 }, 'more than 0, not -1'],
		['Connect Timeout (Seconds)', { connectTimeout: -5 }, 'more than 0, not -5'],
		['Max Retries', { maxRetries: -1 }, 'a whole number from 0 to 10, not -1'],
		['Max Retries', { maxRetries: 2.5 }, 'a whole number from 0 to 10, not 2.5'],
		['Max Retries', { maxRetries: 11 }, 'a whole number from 0 to 10, not 11'],
		['Max Retry-After Wait (Seconds)', { maxRetryAfter: -1 }, '0 or more, not -1'],
		['Max Wait for Capacity (Seconds)', { maxCapacityWait: -3 }, '0 or more, not -3'],
		['Idle Timeout (Seconds)', { idleTimeout: 'soon' }, 'more than 0, not "soon"'],
	])('refuses "%s" %j from an expression, on that item only, before any request', async (displayName, option, bounds) => {
		const [[name, value]] = Object.entries(option);
		const { items } = await runCartesia(
			standIn(),
			status({ [name]: `={{ $json.n === 1 ? ${JSON.stringify(value)} : 5 }}` }),
			{ items: three, continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({ ok: true });
		expect(items[1].json.error).toBe(`"${displayName}" in Request Options must be ${bounds}`);
		expect(items[2].json).toMatchObject({ ok: true });
		expect(standIn().requests).toHaveLength(2);
	});

	it('refuses a fixed bad value for every item, each under its own index', async () => {
		const { error } = await runCartesia(standIn(), status({ idleTimeout: 0 }), { items: three });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('"Idle Timeout (Seconds)" in Request Options must be more than 0, not 0');
		expect(error?.context?.itemIndex).toBe(0);
		expect(standIn().requests).toHaveLength(0);

		const { items } = await runCartesia(standIn(), status({ maxRetries: -1 }), { items: three, continueOnFail: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.every((item) => String(item.json.error).startsWith('"Max Retries"'))).toBe(true);
		expect(standIn().requests).toHaveLength(0);
	});

	it('refuses a negative Max Concurrent Requests', async () => {
		const { error } = await runCartesia(standIn(), status({ maxConcurrentRequests: '={{ -2 }}' }));
		expect(error?.message).toBe('"Max Concurrent Requests" in Request Options must be 0 (automatic) or more, not -2');
		expect(standIn().requests).toHaveLength(0);
	});
});

describe('Base URL', () => {
	it.each(['http://api.cartesia.ai', 'http://192.168.1.20:8080'])(
		'refuses %s before any request: the API key would travel in clear text',
		async (baseUrl) => {
			const { error } = await runCartesia(standIn(), status({}), { baseUrl });
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toContain('would send the API key in clear text: use https://');
			expect(error?.message).not.toContain(standIn().apiKey);
		},
	);
});
