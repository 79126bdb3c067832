/**
 * Cross-instance change notifications (DESIGN §6): a publish, a client deactivation or a data-source change
 * made on one instance must reach every instance within a second. Redis pub/sub when REDIS_URL is set,
 * PostgreSQL LISTEN/NOTIFY otherwise; the local instance always hears its own messages synchronously.
 */
export type ChangeTopic =
  | 'api.changed'
  | 'api-module.changed'
  | 'macro.changed'
  | 'datasource.changed'
  | 'client.changed'
  | 'group.changed'
  | 'signing-key.changed';

export interface ChangeMessage {
  topic: ChangeTopic;
  /** The changed object's id, or null for "reload everything of this kind". */
  id: string | null;
}

export type ChangeListener = (message: ChangeMessage) => void;

export abstract class NotificationBus {
  /** True when messages reach other instances; false for the local-only bus (listeners must poll). */
  readonly crossInstance: boolean = false;
  /** Tells every instance (this one included) that something changed. Call after the transaction commits. */
  abstract publish(message: ChangeMessage): Promise<void>;
  /** Listens to one topic; returns an unsubscribe function. */
  abstract subscribe(topic: ChangeTopic, listener: ChangeListener): () => void;
}

/** Delivers to local listeners; transports add the cross-instance leg. */
export class LocalNotificationBus extends NotificationBus {
  private readonly listeners = new Map<ChangeTopic, Set<ChangeListener>>();

  async publish(message: ChangeMessage): Promise<void> {
    this.deliver(message);
  }

  subscribe(topic: ChangeTopic, listener: ChangeListener): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    set.add(listener);
    this.listeners.set(topic, set);
    return () => set.delete(listener);
  }

  protected deliver(message: ChangeMessage): void {
    for (const listener of this.listeners.get(message.topic) ?? []) {
      try {
        listener(message);
      } catch {
        // One failing listener must not stop the others.
      }
    }
  }
}
