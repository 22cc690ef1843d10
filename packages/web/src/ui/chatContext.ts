import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatClient, ChatState } from '../chat/client.js';

export const ChatContext = createContext<ChatClient | null>(null);

export function useChatClient(): ChatClient {
  const client = useContext(ChatContext);
  if (!client) throw new Error('useChatClient outside ChatContext');
  return client;
}

/** Subscribes to a slice of the chat state; `select` must return a part of the state, not a new object. */
export function useChatState<T>(select: (state: ChatState) => T): T {
  const client = useChatClient();
  return useSyncExternalStore(client.subscribe, () => select(client.getState()));
}
