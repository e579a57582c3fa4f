import { Notification } from 'electron';
import type { AppNotification } from '../../shared/api';

/** Shows a notification the core decided on as a system notification (where the OS supports them). */
export function showSystemNotification(notification: AppNotification): void {
  if (!Notification.isSupported()) return;
  new Notification({
    title: notification.title,
    body: notification.body,
    urgency: notification.severity === 'error' ? 'critical' : 'normal',
  }).show();
}
