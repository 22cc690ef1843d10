export * from './assert.js';
export * from './entry.js';
export * from './errors.js';
export * from './limits.js';
export * from './messages.js';
export * from './http.js';
