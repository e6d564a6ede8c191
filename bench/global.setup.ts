import { clearParts } from './report';

export default function globalSetup() {
  clearParts();
}
