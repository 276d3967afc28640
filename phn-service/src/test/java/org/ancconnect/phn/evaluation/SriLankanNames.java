package org.ancconnect.phn.evaluation;

import java.util.List;

/**
 * Name pools for the synthetic population, most frequent first: the generator draws them with a Zipf
 * law so that a few names (Perera, Fernando, Silva; Kumari, Fathima) dominate as they do in Sri Lanka.
 */
final class SriLankanNames {

    private SriLankanNames() {
    }

    static final List<String> SINHALA_GIVEN = List.of("kumari", "nimali", "dilani", "chathurika", "sanduni",
            "madushani", "ishara", "nadeesha", "hasini", "dilrukshi", "sachini", "tharushi", "nirosha", "anusha",
            "shalika", "gayani", "chamari", "iresha", "thilini", "malsha", "piumi", "buddhini", "ruwani", "samanthi",
            "erandi", "hiruni", "dinusha", "lakmini", "sewwandi", "upeksha", "kaushalya", "nilmini", "pavithra",
            "rasika", "yasodha", "wasana", "sulochana", "priyanka", "geethani", "chandima");
    static final List<String> SINHALA_FAMILY = List.of("perera", "fernando", "silva", "bandara", "kumara",
            "dissanayake", "jayasinghe", "wickramasinghe", "gunawardena", "herath", "ratnayake", "rajapaksha",
            "senanayake", "wijesinghe", "jayawardena", "karunaratne", "samarasinghe", "ekanayake", "gamage",
            "liyanage", "mendis", "peiris", "weerasinghe", "amarasinghe", "hettiarachchi", "abeysekera",
            "wijeratne", "pathirana", "gunasekara", "rathnayake", "weerakoon", "madushanka", "priyadarshana",
            "jayasuriya", "kulathunga");
    /** Ancestral (GE) names written before the given name, often reduced to initials. */
    static final List<String> GE_NAMES = List.of("wijesinghe mudiyanselage", "herath mudiyanselage",
            "dissanayake mudiyanselage", "ekanayake mudiyanselage", "rajapaksha pathirannehelage",
            "hewa vitharanage", "kankanamge", "warnakulasuriya");
    static final List<String> TAMIL_GIVEN = List.of("tharshini", "kavitha", "nirmala", "vasanthi", "priya",
            "sharmila", "thanuja", "kalaivani", "jeyaranee", "sivakami", "malathi", "anushya", "yalini", "keerthana",
            "saranya", "thevika", "luxmi", "mathumitha", "piratheepa", "kajani");
    static final List<String> TAMIL_FAMILY = List.of("sivakumar", "rajendran", "thevarajah", "kanagaratnam",
            "navaratnam", "selvaraj", "balasingham", "kandiah", "ponnambalam", "arumugam", "murugesu", "sinnathamby",
            "yogarajah", "kanapathipillai", "vigneswaran", "tharmalingam", "sathananthan", "mahendran");
    static final List<String> MUSLIM_GIVEN = List.of("fathima", "rizna", "shafna", "farhana", "nuzha", "rifka",
            "sumaiya", "hafsa", "zainab", "fazeela", "shahana", "nusrath", "aysha", "rinoza", "safiya");
    static final List<String> MUSLIM_FAMILY = List.of("mohamed", "ahamed", "cassim", "marikkar", "lebbe", "ismail",
            "hameed", "rahuman", "careem", "jaleel", "nizam", "haniffa", "farook", "ibrahim");
    static final List<String> DISTRICTS = List.of("colombo", "gampaha", "kurunegala", "kandy", "kalutara",
            "ratnapura", "galle", "anuradhapura", "kegalle", "badulla", "matara", "puttalam", "jaffna", "batticaloa",
            "ampara", "hambantota", "matale", "nuwara eliya", "trincomalee", "polonnaruwa", "monaragala", "vavuniya",
            "kilinochchi", "mannar", "mullaitivu");
    static final List<String> STREETS = List.of("temple road", "main street", "station road", "church road",
            "school lane", "hospital road", "lake road", "galle road", "kandy road", "new town", "market road",
            "mosque road", "kovil lane", "walauwa road", "circular road");
}
