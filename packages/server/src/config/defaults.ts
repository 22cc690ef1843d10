import type { RoomConfig } from './schema.js';

/** R1: the default public rooms, in French. Operators replace them under `rooms:` in the config file. */
export const DEFAULT_ROOMS: RoomConfig[] = [
  { id: 'general', name: 'Général', topic: 'Pour parler de tout et de rien', adult: false },
  { id: 'amitie', name: 'Amitié', topic: 'Rencontrer des gens, simplement', adult: false },
  { id: '18-25', name: '18–25 ans', topic: 'Entre 18 et 25 ans', adult: false },
  { id: '25-35', name: '25–35 ans', topic: 'Entre 25 et 35 ans', adult: false },
  { id: '35-50', name: '35–50 ans', topic: 'Entre 35 et 50 ans', adult: false },
  { id: '50-plus', name: '50 ans et +', topic: 'Pour les 50 ans et plus', adult: false },
  { id: 'musique', name: 'Musique', topic: 'Ce que vous écoutez en ce moment', adult: false },
  { id: 'cinema', name: 'Cinéma & séries', topic: 'Films, séries, critiques (sans spoilers)', adult: false },
  { id: 'jeux-video', name: 'Jeux vidéo', topic: 'Consoles, PC, mobile', adult: false },
  { id: 'lgbt', name: 'LGBT+', topic: 'Un espace bienveillant pour les personnes LGBT+', adult: false },
  { id: 'regions', name: 'Régions', topic: 'Parler de sa région, de ses coins préférés', adult: false },
  // V1: a voice room (join to listen, unmute to speak), when Janus is installed.
  { id: 'vocal', name: 'Salon vocal', topic: 'On se parle au micro', adult: false, voice: true },
  {
    id: 'adultes',
    name: 'Adultes',
    topic: 'Discussions pour adultes, entre adultes consentants',
    adult: true,
  },
];
