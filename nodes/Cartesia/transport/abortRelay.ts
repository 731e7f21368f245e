/**
 * undici listens to a request's signal for as long as the request lives, and one execution sends
 * thousands of requests on one cancel signal. An AbortSignal is an EventTarget, whose listeners cost
 * several times an EventEmitter's: requests listen to a relay instead, an EventEmitter (undici takes
 * one as a signal) that holds the only listener on the execution's signal and repeats its abort.
 */
import { EventEmitter } from 'node:events';

export class AbortRelay extends EventEmitter {
	aborted = false;

	reason: unknown;

	constructor(signal: AbortSignal) {
		super();
		// As many requests as the widest window listen at once: not a leak.
		this.setMaxListeners(0);
		const relay = () => {
			this.aborted = true;
			this.reason = signal.reason;
			this.emit('abort');
		};
		if (signal.aborted) relay();
		else signal.addEventListener('abort', relay, { once: true });
	}
}

const relays = new WeakMap<AbortSignal, AbortRelay>();

/** The relay of `signal`, made on first use and kept while the signal lives. */
export function abortRelay(signal: AbortSignal): AbortRelay {
	let relay = relays.get(signal);
	if (!relay) {
		relay = new AbortRelay(signal);
		relays.set(signal, relay);
	}
	return relay;
}
