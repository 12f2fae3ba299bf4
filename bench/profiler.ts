/**
 * Loaded into the service with `node -r` when the benchmark runs with `--profile`. Over the IPC
 * channel the benchmark opened, 'profile:start' starts V8's sampling CPU profiler and
 * 'profile:stop' stops it, writes the profile to the file named in the message and answers
 * 'profile:written'. The benchmark brackets one measured run with the two, so the profile covers
 * that scenario only. (Signals are not used: Nest's shutdown hooks take SIGUSR2.)
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

interface ProfileMessage {
  type: 'profile:start' | 'profile:stop';
  file?: string;
}

if (process.send) {
  const session = new Session();
  session.connect();
  process.on('message', (message: ProfileMessage) => {
    if (message.type === 'profile:start') {
      session.post('Profiler.enable', () => session.post('Profiler.start'));
    } else if (message.type === 'profile:stop' && message.file) {
      session.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(message.file!, JSON.stringify(result.profile));
        process.send!({ type: 'profile:written', error: error?.message });
      });
    }
  });
  // The channel must not keep the service alive on its own.
  process.channel?.unref();
}
