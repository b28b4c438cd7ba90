# 2: one Cyrillic letter makes the text UCS-2, which holds 70 characters in one message.
output "reminder_parts" {
  value = provider::gateway::sms_parts("Нагадування: ваш запис завтра о 10:00. Відповідайте ТАК, щоб підтвердити.")
}
