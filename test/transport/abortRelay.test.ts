/** transport/abortRelay.ts: requests listen to one EventEmitter per execution signal, which repeats its abort. */
import { abortRelay } from '../../nodes/Cartesia/transport/abortRelay';

describe('abortRelay', () => {
	it('repeats the signal’s abort, with its reason, to every listener, holding one listener on the signal', () => {
		const controller = new AbortController();
		let added = 0;
		const addEventListener = controller.signal.addEventListener.bind(controller.signal);
		controller.signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
			added++;
			addEventListener(...args);
		}) as AbortSignal['addEventListener'];
		const relay = abortRelay(controller.signal);
		expect(abortRelay(controller.signal)).toBe(relay);
		const heard: unknown[] = [];
		for (let request = 0; request < 100; request++) relay.once('abort', () => heard.push(relay.reason));
		expect(added).toBe(1);
		expect(relay.aborted).toBe(false);
		controller.abort(new Error('stopped'));
		expect(relay.aborted).toBe(true);
		expect(heard).toHaveLength(100);
		expect((heard[0] as Error).message).toBe('stopped');
	});

	it('is aborted from the start when its signal already is', () => {
		const relay = abortRelay(AbortSignal.abort('gone'));
		expect(relay.aborted).toBe(true);
		expect(relay.reason).toBe('gone');
	});
});
