/**
 * The Telegram bot: commands, buttons, allow-listed chats, the daily push, over a BotBackend the server
 * implements. Depends on telegrambots only, on no other Voronka module.
 */
package io.voronka.bot;
